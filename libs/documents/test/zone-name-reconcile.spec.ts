import { composeTd1, composeTd3, parseMrz, sampleHolder } from '@app/documents';
import { reconcileZoneName } from '../src/validation/zone-name-reconcile';
import { TODAY } from './support/read-result';

describe(reconcileZoneName.name, () => {
  it("writes the front's name into a zone misread by the zone font's look-alikes (T for I)", () => {
    const holder = sampleHolder(41);
    const lines = composeTd1(holder);
    const misread = [lines[0], lines[1], lines[2].replace('I', 'T')];
    expect(misread[2]).not.toBe(lines[2]);
    const { parsed, fromFront } = reconcileZoneName(parseMrz(misread, TODAY), holder.surname, holder.givenName, TODAY);
    expect(fromFront).toBe(true);
    expect(parsed.lines).toEqual(lines);
  });

  it('keeps the zone when the front reads М where the zone reads N: the front misreads Н as М on blurred photos', () => {
    const holder = { ...sampleHolder(42, { type: 'passport' }), surname: 'НҰРЛАНОВ', givenName: 'ЮРИЙ', latinSurname: 'NURLANOV', latinGivenName: 'IURII' };
    const zone = parseMrz(composeTd3(holder), TODAY);
    const { parsed, fromFront } = reconcileZoneName(zone, 'МҰРЛАНОВ', 'ЮРИЙ', TODAY);
    expect(fromFront).toBe(false);
    expect(parsed.surname).toBe('NURLANOV');
  });
});
