// Word host calls (Office.js).

export function wordApiSupported(version: string): boolean {
  return Office.context.requirements.isSetSupported('WordApi', version);
}

/**
 * True when the document body holds nothing: one empty paragraph and no picture. Reads no text but that
 * paragraph's. Needs WordApi 1.3; before that the answer is false (the pane then asks before replacing).
 */
export async function documentIsEmpty(): Promise<boolean> {
  if (!wordApiSupported('1.3')) return false;
  return Word.run(async (context) => {
    const body = context.document.body;
    const first = body.paragraphs.getFirst();
    first.load('text');
    const second = first.getNextOrNullObject();
    const picture = body.inlinePictures.getFirstOrNullObject();
    await context.sync();
    return first.text.trim() === '' && second.isNullObject && picture.isNullObject;
  });
}

/**
 * Inserts a .docx (base64) after the cursor (after the selection, which is kept). Like Body insertion it
 * brings text and styles but not the report's headers, footers (page numbers) or page setup.
 */
export async function insertAtCursor(base64: string): Promise<void> {
  await Word.run(async (context) => {
    context.document.getSelection().insertFileFromBase64(base64, 'After');
    await context.sync();
  });
}

/**
 * Replaces the document with a .docx (base64). WordApi 1.5: Document.insertFileFromBase64 brings the
 * file's sections with it — headers, footers (page numbers) and page setup. Otherwise
 * Body.insertFileFromBase64, which keeps the text and styles but not headers, footers or page setup.
 */
export async function replaceDocument(base64: string): Promise<'document' | 'body'> {
  const whole = wordApiSupported('1.5');
  await Word.run(async (context) => {
    if (whole) {
      context.document.insertFileFromBase64(base64, 'Replace', {
        importStyles: true,
        importParagraphSpacing: true,
        importDifferentOddEvenPages: true,
        importTheme: false,
        importPageColor: false,
      });
    } else {
      context.document.body.insertFileFromBase64(base64, 'Replace');
    }
    await context.sync();
  });
  return whole ? 'document' : 'body';
}

/** Opens a .docx (base64) as a new document window (WordApi 1.3). */
export async function openNewDocument(base64: string): Promise<void> {
  await Word.run(async (context) => {
    context.application.createDocument(base64).open();
    await context.sync();
  });
}
