// The panels' CSP forbids eval, so zod must not even try to compile its parsers: imported first
// by every panel, before any schema exists (zod decides when a schema is created).
import { z } from "zod";

z.config({ jitless: true });
