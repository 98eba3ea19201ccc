import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The one JSON-schema validator setup of the API, shared by the HTTP routes and the CSV importer.
 * Bodies: no coercion, no silent stripping, every error reported, NaN/Infinity refused, events picked by
 * their `type` discriminator.
 */
export function createBodyAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    coerceTypes: false,
    removeAdditional: false,
    useDefaults: false,
    discriminator: true,
    strictNumbers: true,
  });
  addFormats(ajv);
  return ajv;
}

/** Query strings are text: coerce to the declared types, apply defaults. */
export function createQueryAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    coerceTypes: 'array',
    useDefaults: true,
    strictNumbers: true,
  });
  addFormats(ajv);
  return ajv;
}
