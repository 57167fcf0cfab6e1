// Imported first by the pages' entries. zod probes whether it may compile parsers with `new Function`;
// the pages' Content-Security-Policy forbids that (no 'unsafe-eval'), and the probe would be reported as a
// violation. jitless: zod parses without generated code, and never tries.
import { z } from 'zod';

z.config({ jitless: true });
