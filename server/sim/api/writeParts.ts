/**
 * What writes need and reads never do: field ownership (managedFields and server-side apply,
 * merged by the kinds' OpenAPI schemas), field validation and the patch formats. They are
 * loaded at the first request that may write, not at start-up, so a fresh demo cluster
 * answers sooner: the router awaits loadWriteParts() before such a request's handler runs,
 * and the handlers, which stay synchronous inside, take the parts from writeParts().
 */
type WriteParts = Pick<typeof import('./apply/recordWrite.ts'), 'recordWrite'> &
  Pick<typeof import('./fieldValidation.ts'), 'fieldValidationOf' | 'checkObjectFields'> &
  Pick<typeof import('./patch/index.ts'), 'applyPatch' | 'patchTypeOf'>;

let parts: WriteParts | undefined;
let loading: Promise<WriteParts> | undefined;

export async function loadWriteParts(): Promise<void> {
  loading ??= Promise.all([import('./apply/recordWrite.ts'), import('./fieldValidation.ts'), import('./patch/index.ts')]).then(([apply, validation, patch]) => ({
    recordWrite: apply.recordWrite,
    fieldValidationOf: validation.fieldValidationOf,
    checkObjectFields: validation.checkObjectFields,
    applyPatch: patch.applyPatch,
    patchTypeOf: patch.patchTypeOf,
  }));
  parts = await loading;
}

export function writeParts(): WriteParts {
  if (!parts) throw new Error('a write handler ran before loadWriteParts()');
  return parts;
}
