import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  /** The field's path in the body, e.g. `iin`, `form.region`. */
  field: string;
  /** class-validator's constraint names, e.g. `isLength`, `whitelistValidation`. */
  constraints: string[];
}

/** Every failed constraint, nested fields by their path. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, constraints: Object.keys(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/**
 * The API's validation of bodies and parameters. A refusal keeps Nest's shape (400, `message` the
 * list of texts, as Nest flattens them) and adds `code: validation_failed` with the fields and
 * constraints that failed, so the pages can say it in the person's language.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true });
    this.exceptionFactory = (errors: ValidationError[]) =>
      new BadRequestException({ statusCode: 400, code: 'validation_failed', message: this.flattenValidationErrors(errors), error: 'Bad Request', fields: fieldProblems(errors) });
  }
}
