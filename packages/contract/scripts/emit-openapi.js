// Writes the OpenAPI document (from the built package) to the file named by the first argument,
// for `redocly lint`.
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../dist/index.js';

writeFileSync(process.argv[2] ?? 'dist/openapi.json', `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
