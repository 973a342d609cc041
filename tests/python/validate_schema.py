"""Validates report files against a JSON Schema: `validate_schema.py SCHEMA FILE...`."""

import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = 0
for path in sys.argv[2:]:
    errors = sorted(validator.iter_errors(json.load(open(path))), key=str)
    for error in errors:
        failed += 1
        print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
print(f"{len(sys.argv) - 2} documents checked, {failed} errors")
sys.exit(1 if failed else 0)
