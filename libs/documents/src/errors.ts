/** Why an uploaded document image was refused. */
export enum DocumentRejectionCode {
  NotAnImage = 'not_an_image',
  TooLarge = 'too_large',
  TooSmall = 'too_small',
  Unreadable = 'unreadable',
  WrongSide = 'wrong_side',
  MissingSide = 'missing_side',
  /** The card fills too little of the picture to be read. */
  TooFar = 'too_far',
  /** A washed-out glare spot lies on the card. */
  Glare = 'glare',
  /** The photo is too blurred to read. */
  Blurred = 'blurred',
}

const MESSAGES: Record<DocumentRejectionCode, string> = {
  [DocumentRejectionCode.NotAnImage]: 'The file is not a JPEG or PNG image.',
  [DocumentRejectionCode.TooLarge]: 'The image is too large.',
  [DocumentRejectionCode.TooSmall]: 'The image is too small to read a document from.',
  [DocumentRejectionCode.Unreadable]: 'The document could not be read: take the photo again, flat, sharp and well lit.',
  [DocumentRejectionCode.WrongSide]: 'The wrong side of the document was uploaded: the front first, then the back.',
  [DocumentRejectionCode.MissingSide]: 'Both sides of the ID card are needed.',
  [DocumentRejectionCode.TooFar]: 'The document is too small in the photo: take the photo closer, the card filling most of the picture.',
  [DocumentRejectionCode.Glare]: 'A glare spot covers part of the document: tilt the card or move away from the lamp and take the photo again.',
  [DocumentRejectionCode.Blurred]: 'The photo is blurred: hold the phone still, let it focus and take the photo again.',
};

/**
 * What the applicant is told to do for each refusal of a photo, in the page's three languages.
 * The workflow shows the Russian one; the web app has the same texts under `documentRefusal.<code>`.
 */
export const DOCUMENT_REJECTION_ADVICE: Readonly<Record<DocumentRejectionCode, { readonly ru: string; readonly kk: string; readonly en: string }>> = {
  [DocumentRejectionCode.NotAnImage]: { ru: 'Загрузите фото документа в формате JPEG или PNG.', kk: 'Құжаттың фотосын JPEG немесе PNG форматында жүктеңіз.', en: 'Upload a photo of the document as JPEG or PNG.' },
  [DocumentRejectionCode.TooLarge]: { ru: 'Файл слишком большой. Загрузите фото меньшего размера.', kk: 'Файл тым үлкен. Кішірек фото жүктеңіз.', en: 'The file is too large. Upload a smaller photo.' },
  [DocumentRejectionCode.TooSmall]: { ru: 'Фото слишком маленькое. Сделайте фото с большим разрешением.', kk: 'Фото тым кішкентай. Ажыратымдылығы жоғары фото түсіріңіз.', en: 'The photo is too small. Take a photo at a higher resolution.' },
  [DocumentRejectionCode.Unreadable]: { ru: 'Документ не удалось прочитать. Сфотографируйте его ровно, чётко и при хорошем освещении.', kk: 'Құжатты оқу мүмкін болмады. Оны тегіс, анық және жақсы жарықта суретке түсіріңіз.', en: 'The document could not be read. Photograph it flat, sharp and well lit.' },
  [DocumentRejectionCode.WrongSide]: { ru: 'Загружена не та сторона документа: сначала лицевая сторона, затем оборотная.', kk: 'Құжаттың басқа жағы жүктелді: алдымен алдыңғы жағы, содан кейін артқы жағы.', en: 'The wrong side was uploaded: the front first, then the back.' },
  [DocumentRejectionCode.MissingSide]: { ru: 'Нужны обе стороны удостоверения.', kk: 'Куәліктің екі жағы да қажет.', en: 'Both sides of the ID card are needed.' },
  [DocumentRejectionCode.TooFar]: { ru: 'Документ на фото слишком мелкий. Сделайте фото ближе.', kk: 'Фотодағы құжат тым кішкентай. Жақынырақ түсіріңіз.', en: 'The document is too small in the photo. Take the photo closer.' },
  [DocumentRejectionCode.Glare]: { ru: 'На документе блик. Уберите блики: наклоните документ или отойдите от лампы.', kk: 'Құжатта жылтыр дақ бар. Жылтырды кетіріңіз: құжатты еңкейтіңіз немесе шамнан алыстаңыз.', en: 'There is glare on the document. Remove the glare: tilt the card or move away from the lamp.' },
  [DocumentRejectionCode.Blurred]: { ru: 'Фото размыто. Держите телефон неподвижно и дождитесь фокусировки.', kk: 'Фото бұлыңғыр. Телефонды қозғалтпай ұстап, фокусты күтіңіз.', en: 'The photo is blurred. Hold the phone still and let it focus.' },
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
