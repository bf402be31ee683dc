/** Why an uploaded document image was refused. */
export enum DocumentRejectionCode {
  NotAnImage = 'not_an_image',
  TooLarge = 'too_large',
  TooSmall = 'too_small',
  Unreadable = 'unreadable',
  WrongSide = 'wrong_side',
  MissingSide = 'missing_side',
}

const MESSAGES: Record<DocumentRejectionCode, string> = {
  [DocumentRejectionCode.NotAnImage]: 'The file is not a JPEG or PNG image.',
  [DocumentRejectionCode.TooLarge]: 'The image is too large.',
  [DocumentRejectionCode.TooSmall]: 'The image is too small to read a document from.',
  [DocumentRejectionCode.Unreadable]: 'The document could not be read: take the photo again, flat, sharp and well lit.',
  [DocumentRejectionCode.WrongSide]: 'The wrong side of the document was uploaded: the front first, then the back.',
  [DocumentRejectionCode.MissingSide]: 'Both sides of the ID card are needed.',
};

/** An upload the API should answer with a 4xx (422) and the applicant can fix by trying again. */
export class DocumentRejectedError extends Error {
  constructor(
    readonly code: DocumentRejectionCode,
    /** Which upload was refused. */
    readonly side: 'front' | 'back',
    detail?: string,
  ) {
    super(detail ? `${MESSAGES[code]} (${side}: ${detail})` : `${MESSAGES[code]} (${side})`);
    this.name = 'DocumentRejectedError';
  }
}
