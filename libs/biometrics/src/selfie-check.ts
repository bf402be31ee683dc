import type { DetectedFace, FaceEngine } from './engine/biometrics-engine';
import type { DecodedImage } from './image-decoder';

/** Why a selfie cannot be used; each has a message telling the person what to do. */
export enum SelfieProblemCode {
  NoFace = 'NO_FACE',
  SeveralFaces = 'SEVERAL_FACES',
  FaceTooSmall = 'FACE_TOO_SMALL',
  FaceOffCentre = 'FACE_OFF_CENTRE',
  HeadTurned = 'HEAD_TURNED',
  TooDark = 'TOO_DARK',
  TooBright = 'TOO_BRIGHT',
  Blurred = 'BLURRED',
  EyesClosed = 'EYES_CLOSED',
}

export interface SelfieProblem {
  readonly code: SelfieProblemCode;
  readonly message: { readonly ru: string; readonly en: string };
}

/** Messages shown with «Попробовать еще раз». The off-centre one is the seed's own instruction (seed 004, step 10). */
export const SELFIE_PROBLEM_MESSAGES: Record<SelfieProblemCode, SelfieProblem['message']> = {
  [SelfieProblemCode.NoFace]: { ru: 'Лицо не найдено. Посмотрите в камеру так, чтобы лицо было видно целиком.', en: 'No face found. Look into the camera so that your whole face is visible.' },
  [SelfieProblemCode.SeveralFaces]: { ru: 'В кадре несколько лиц. В кадре должны быть только вы.', en: 'There are several faces in the picture. Only you should be in the frame.' },
  [SelfieProblemCode.FaceTooSmall]: { ru: 'Лицо слишком маленькое. Подойдите ближе к камере.', en: 'Your face is too small. Move closer to the camera.' },
  [SelfieProblemCode.FaceOffCentre]: { ru: 'Расположите лицо в центре области экрана.', en: 'Place your face in the centre of the screen area.' },
  [SelfieProblemCode.HeadTurned]: { ru: 'Голова повёрнута. Смотрите прямо в камеру.', en: 'Your head is turned. Look straight into the camera.' },
  [SelfieProblemCode.TooDark]: { ru: 'Слишком темно. Включите свет или повернитесь лицом к источнику света.', en: 'It is too dark. Turn on a light or face the light source.' },
  [SelfieProblemCode.TooBright]: { ru: 'Лицо засвечено. Отойдите от яркого света или уберите его из-за камеры.', en: 'Your face is overexposed. Move away from the bright light.' },
  [SelfieProblemCode.Blurred]: { ru: 'Снимок размыт. Держите камеру неподвижно и протрите объектив.', en: 'The picture is blurred. Hold the camera still and wipe the lens.' },
  [SelfieProblemCode.EyesClosed]: { ru: 'Глаза закрыты. Откройте глаза и смотрите в камеру.', en: 'Your eyes are closed. Open your eyes and look into the camera.' },
};

/** Limits of an acceptable selfie; defaults were set on the fixture photos (see docs/biometrics.md). */
export interface SelfieCriteria {
  /** A second face at least this share of the main face's width counts (smaller ones are background). */
  secondFaceMinRelativeWidth: number;
  /** Face width at least this share of the image width… */
  minFaceWidthRatio: number;
  /** …and at least this many pixels wide in the upload. */
  minFacePixels: number;
  /** Largest distance of the face centre from the image centre, as a share of width / height. */
  maxCentreOffsetX: number;
  maxCentreOffsetY: number;
  maxAbsYaw: number;
  maxAbsPitch: number;
  minBrightness: number;
  maxBrightness: number;
  /** Share of clipped face pixels above which the face counts as over- or under-exposed. */
  maxClipped: number;
  minSharpness: number;
  minEyeOpenness: number;
}

export const DEFAULT_SELFIE_CRITERIA: SelfieCriteria = {
  secondFaceMinRelativeWidth: 0.33,
  minFaceWidthRatio: 0.12,
  minFacePixels: 100,
  maxCentreOffsetX: 0.25,
  maxCentreOffsetY: 0.3,
  maxAbsYaw: 35,
  maxAbsPitch: 30,
  minBrightness: 55,
  maxBrightness: 210,
  maxClipped: 0.25,
  minSharpness: 60,
  // fr_eye's open probability: open eyes 0.98–1.00 on the fixtures, shut 0.00, one eye shut (wink) 0.50.
  minEyeOpenness: 0.4,
};

/** A face as reported to callers: no descriptor (it is biometric data and never needs to leave the worker). */
export interface SelfieFaceSummary {
  readonly box: DetectedFace['box'];
  readonly score: number;
  readonly pose: DetectedFace['pose'];
  readonly eyeOpenness: number | null;
  readonly quality: DetectedFace['quality'];
}

export interface SelfieCheckResult {
  /** Number of faces found. */
  readonly faces: number;
  /** Empty when the selfie is usable. */
  readonly problems: SelfieProblem[];
  /** The main (largest) face, when there is one. */
  readonly face?: SelfieFaceSummary;
}

/** Judges already-analysed faces against the criteria (pure: no models run here). */
export function judgeSelfie(image: Pick<DecodedImage, 'width' | 'height' | 'originalWidth'>, faces: readonly DetectedFace[], criteria: SelfieCriteria = DEFAULT_SELFIE_CRITERIA): SelfieCheckResult {
  const problems = new Set<SelfieProblemCode>();
  const main = faces[0];
  if (!main) return { faces: 0, problems: [problem(SelfieProblemCode.NoFace)] };
  if (faces.slice(1).some((f) => f.box.width >= main.box.width * criteria.secondFaceMinRelativeWidth)) problems.add(SelfieProblemCode.SeveralFaces);

  const { box } = main;
  const upscale = image.originalWidth / image.width;
  if (box.width / image.width < criteria.minFaceWidthRatio || box.width * upscale < criteria.minFacePixels) problems.add(SelfieProblemCode.FaceTooSmall);
  const offX = Math.abs(box.x + box.width / 2 - image.width / 2) / image.width;
  const offY = Math.abs(box.y + box.height / 2 - image.height / 2) / image.height;
  if (offX > criteria.maxCentreOffsetX || offY > criteria.maxCentreOffsetY) problems.add(SelfieProblemCode.FaceOffCentre);
  if (Math.abs(main.pose.yaw) > criteria.maxAbsYaw || Math.abs(main.pose.pitch) > criteria.maxAbsPitch) problems.add(SelfieProblemCode.HeadTurned);

  const q = main.quality;
  if (q.brightness < criteria.minBrightness) problems.add(SelfieProblemCode.TooDark);
  else if (q.brightness > criteria.maxBrightness) problems.add(SelfieProblemCode.TooBright);
  else if (q.clipped > criteria.maxClipped) problems.add(q.brightness < 128 ? SelfieProblemCode.TooDark : SelfieProblemCode.TooBright);
  // Dark or clipped faces lose texture too; report the lighting, which is the cause.
  if (q.sharpness < criteria.minSharpness && !problems.has(SelfieProblemCode.TooDark) && !problems.has(SelfieProblemCode.TooBright)) problems.add(SelfieProblemCode.Blurred);
  if (main.eyeOpenness !== null && main.eyeOpenness < criteria.minEyeOpenness) problems.add(SelfieProblemCode.EyesClosed);

  return {
    faces: faces.length,
    problems: [...problems].map(problem),
    face: { box: main.box, score: main.score, pose: main.pose, eyeOpenness: main.eyeOpenness, quality: main.quality },
  };
}

/**
 * Checks a selfie (or a document portrait: tight crops are detected too) and says what to fix.
 * The image must come from {@link decodeImage}.
 */
export async function checkSelfie(engine: Pick<FaceEngine, 'analyse'>, image: DecodedImage, criteria: SelfieCriteria = DEFAULT_SELFIE_CRITERIA): Promise<SelfieCheckResult> {
  const analysis = await engine.analyse(image, { templates: 'none' });
  return judgeSelfie(image, analysis.faces, criteria);
}

function problem(code: SelfieProblemCode): SelfieProblem {
  return { code, message: SELFIE_PROBLEM_MESSAGES[code] };
}
