import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { facePath } from '@app/fixtures';

/**
 * The person in front of the camera: photos of woman A of the fixtures in the poses video
 * identification asks for (as scripts/applicant-driver.ts picks them), drawn on a canvas whose
 * stream replaces the webcam. She follows what the page shows: each frame draws the pose of the
 * instruction on screen (`[data-challenge]`), frontal otherwise. She has no photo with her eyes
 * shut, so she cannot blink — a session that asks for it is started again, as a person would.
 * Nothing on the server side knows; liveness judges these frames like any others.
 */
export const WOMAN_A_CAMERA: Record<string, { photo: string; mirrored?: boolean }> = {
  frontal: { photo: 'stock-emotions-a-4' },
  turn_left: { photo: 'stock-emotions-a-2' },
  turn_right: { photo: 'stock-emotions-a-2', mirrored: true },
  look_up: { photo: 'stock-emotions-a-1' },
  smile: { photo: 'stock-emotions-a-7' },
};
export const POSES_SHE_CAN_SHOW = Object.keys(WOMAN_A_CAMERA);

/** The canvas camera (canvas-camera.js) with these poses, in every page of the context. */
export async function installCamera(context: BrowserContext, poses = WOMAN_A_CAMERA): Promise<void> {
  const photos = Object.fromEntries(
    Object.entries(poses).map(([pose, { photo, mirrored }]) => [pose, { url: `data:image/jpeg;base64,${readFileSync(facePath(photo)).toString('base64')}`, mirrored: Boolean(mirrored) }]),
  );
  const script = readFileSync(join(__dirname, 'canvas-camera.js'), 'utf8').replace('__CAMERA_POSES__', () => JSON.stringify(photos));
  await context.addInitScript({ content: script });
}
