import { type CanActivate, Injectable, ServiceUnavailableException } from '@nestjs/common';

/** Until when the registers pretend to be down; one instance per simulator process. */
@Injectable()
export class OutageState {
  private until = 0;

  startFor(ms: number): Date {
    this.until = Date.now() + ms;
    return new Date(this.until);
  }

  get active(): boolean {
    return Date.now() < this.until;
  }
}

/** Makes the registers answer 503 during an outage, so tests can show that outages never fail an applicant. */
@Injectable()
export class OutageSwitch implements CanActivate {
  constructor(private readonly state: OutageState) {}

  canActivate(): boolean {
    if (this.state.active) throw new ServiceUnavailableException('the register is temporarily unavailable');
    return true;
  }
}
