// Word host calls (Office.js).

export function wordApiSupported(version: string): boolean {
  return Office.context.requirements.isSetSupported('WordApi', version);
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
