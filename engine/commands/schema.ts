/** `musika schema`: the scenario's JSON Schema, generated from the schema that checks every run's scenario. */
import { parse } from '../cli-args.ts';
import { scenarioJsonSchema } from '../scenario-schema.ts';

export const SCHEMA_HELP = `Usage: musika schema [--full] > musika.schema.json

Prints the JSON Schema (draft 2020-12) of a --config file: any subset of a scenario's fields, objects
merged into the preset, arrays replaced whole. It is generated from the schema that checks every
scenario (engine/scenario-schema.ts), so an editor completes and checks a config file as musika
will: point the file at it with "$schema": "./musika.schema.json", or map files to it in VS Code's
settings ("json.schemas": [{"fileMatch": ["scenarios/*.json"], "url": "./musika.schema.json"}]).
Rules across fields (shares summing to 1, category ids) are checked by musika only.

Options:
  --full       the schema of a whole scenario, every field required (a manifest's "scenario")
  -h, --help   show this help
`;

export const schemaOptions = { full: { type: 'boolean' } } as const;

/** `out` receives the schema (standard output by default; tests pass their own). */
export function schemaCommand(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t)): number {
  const { values } = parse(argv, schemaOptions);
  if (values.help) {
    out(SCHEMA_HELP);
    return 0;
  }
  out(`${JSON.stringify(scenarioJsonSchema(values.full === true), null, 2)}\n`);
  return 0;
}
