// The one formatter of the project: fills "{name}" placeholders in a message or a phrase with named values.
// Every Chinese text with blanks — issue messages, template texts, report phrases — goes through it.

export type TemplateVars = Readonly<Record<string, string | number | null | undefined>>;

const PLACEHOLDER = /\{([A-Za-z][\w.]*)\}/g;

/** The placeholder names a template uses, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Replaces each {name} with vars[name]. A name with no value (absent, null or undefined) is left as
 * written, so a missing value is visible instead of silently dropped; callers that must never show one
 * check with placeholders() first.
 */
export function formatTemplate(template: string, vars: TemplateVars): string {
  return template.replace(PLACEHOLDER, (m, k: string) => {
    const v = vars[k];
    return v === undefined || v === null ? m : String(v);
  });
}
