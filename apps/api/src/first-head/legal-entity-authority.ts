import { Inject, Injectable } from '@nestjs/common';
import { RegisterUnavailableError, type LegalEntityRecord, type LegalEntityRegisterClient } from '@app/registers';
import { ApiError, ApiErrorCode } from '../common/api-error';

export const LEGAL_ENTITY_REGISTER = Symbol('LEGAL_ENTITY_REGISTER');

/** Why a person may decide for a legal entity, as ГБД ЮЛ says now. */
export type FirstHeadCapacity = 'first_head' | 'acting_head' | 'signing_right';

/**
 * Who may sign in to the first-head cabinet and decide on a BIN's applications: its first head, its
 * acting head, or an employee with the signing right (seed 002: «лицо, исполняющее его обязанности
 * (сотрудник с правом подписи)») — as ГБД ЮЛ says at the moment of the sign-in or decision.
 */
@Injectable()
export class LegalEntityAuthority {
  constructor(@Inject(LEGAL_ENTITY_REGISTER) private readonly register: LegalEntityRegisterClient) {}

  async assertMayDecide(iin: string, bin: string): Promise<{ entity: LegalEntityRecord; capacity: FirstHeadCapacity }> {
    let entity: LegalEntityRecord | null;
    try {
      entity = await this.register.findLegalEntity(bin);
    } catch (error) {
      if (error instanceof RegisterUnavailableError) throw new ApiError(ApiErrorCode.ServiceUnavailable, 'ГБД ЮЛ не отвечает; повторите через минуту / the legal-entities register does not answer; try again in a minute');
      throw error;
    }
    if (!entity || entity.state !== 'active') throw new ApiError(ApiErrorCode.Forbidden, `По данным ГБД ЮЛ организация с БИН ${bin} не действует / the organisation is not active in the legal-entities register`);
    const capacity: FirstHeadCapacity | null =
      entity.firstHeadIin === iin ? 'first_head' : entity.actingHeadIin === iin ? 'acting_head' : entity.employees.some((e) => e.iin === iin && e.roles.includes('signing_right')) ? 'signing_right' : null;
    if (!capacity) {
      throw new ApiError(ApiErrorCode.Forbidden, `По данным ГБД ЮЛ Вы не первый руководитель организации с БИН ${bin}, не исполняете его обязанности и не имеете права подписи / you may not decide for this organisation`);
    }
    return { entity, capacity };
  }
}
