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

  it("writes the front's name into a zone whose H the cell reader took for B", () => {
    const holder = { ...sampleHolder(44), surname: 'ЖҰМАБЕКОВА', givenName: 'ЖАНСАЯ', latinSurname: 'ZHUMABEKOVA', latinGivenName: 'ZHANSAIA' };
    const lines = composeTd1(holder);
    const misread = [lines[0], lines[1], lines[2].replace('ZHUMABEKOVA', 'ZBUMABEKOVA')];
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

  it('keeps the zone when the front lacks one of its letters: the front lost Й (ЦО for ЦОЙ), the zone did not make up an I', () => {
    const holder = { ...sampleHolder(45, { type: 'passport' }), surname: 'ЦОЙ', givenName: 'НАТАЛЬЯ', latinSurname: 'TSOI', latinGivenName: 'NATALIA' };
    const zone = parseMrz(composeTd3(holder), TODAY);
    expect(zone.lines[0]).toBe('P<KAZTSOI<<NATALIA<<<<<<<<<<<<<<<<<<<<<<<<<<');
    const { parsed, fromFront } = reconcileZoneName(zone, 'ЦО', 'НАТАЛЬЯ', TODAY);
    expect(fromFront).toBe(false);
    expect(parsed.surname).toBe('TSOI');
    // The other way round the front still wins: a thin letter the zone lost.
    const lost = reconcileZoneName(parseMrz([zone.lines[0].replace('TSOI<<', 'TSO<<<'), zone.lines[1]], TODAY), 'ЦОЙ', 'НАТАЛЬЯ', TODAY);
    expect(lost.fromFront).toBe(true);
    expect(lost.parsed.surname).toBe('TSOI');
  });

  it("clears a name field's tail read as filler look-alikes when the name before it is the front's, and only then", () => {
    const holder = { ...sampleHolder(43, { type: 'passport' }), surname: 'САРСЕНБАЕВ', givenName: 'АРМАН', latinSurname: 'SARSENBAEV', latinGivenName: 'ARMAN' };
    const lines = composeTd3(holder);
    expect(lines[0]).toBe('P<KAZSARSENBAEV<<ARMAN<<<<<<<<<<<<<<<<<<<<<<');
    const misread = ['P<KAZSARSENBAEV<<ARMAN<<<<<K<<K<KKKKKEKKKKKK', lines[1]];
    expect(parseMrz(misread, TODAY).valid).toBe(false);
    const { parsed, fromFront } = reconcileZoneName(parseMrz(misread, TODAY), 'САРСЕНБАЕВ', 'АРМАН', TODAY);
    expect(fromFront).toBe(true);
    expect(parsed.lines).toEqual(lines);
    expect(parsed.valid).toBe(true);

    // Junk before the fillers is not the front's name: the zone stays as read, not valid.
    const junk = reconcileZoneName(parseMrz(['P<KAZSARSENBAEV<<ARMANKX<<<K<<KKKKKKKKKKKKKK', lines[1]], TODAY), 'САРСЕНБАЕВ', 'АРМАН', TODAY);
    expect(junk.fromFront).toBe(false);
    expect(junk.parsed.valid).toBe(false);
    // A letter that is no filler look-alike after the fillers: not cleared either.
    const letters = reconcileZoneName(parseMrz(['P<KAZSARSENBAEV<<ARMAN<<<<<<<<<<<<<<<<<<ABKK', lines[1]], TODAY), 'САРСЕНБАЕВ', 'АРМАН', TODAY);
    expect(letters.fromFront).toBe(false);
  });
});
