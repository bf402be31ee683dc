import { estimateHeadPose, type Point } from '@app/biometrics';

/** The generic face of estimateHeadPose, completed to 68 points (unused ones at the nose). */
const MODEL: Record<number, [number, number, number]> = {
  30: [0, 0, 0],
  8: [0, -330, -65],
  36: [-225, 170, -135],
  45: [225, 170, -135],
  48: [-150, -150, -125],
  54: [150, -150, -125],
};

/** Projects the model after turning it by yaw (about the vertical axis) then pitch, scaled orthographic, image y down. */
function project(yawDeg: number, pitchDeg: number): Point[] {
  const y = (yawDeg * Math.PI) / 180;
  const p = (pitchDeg * Math.PI) / 180;
  const points: Point[] = Array.from({ length: 68 }, () => ({ x: 320, y: 240 }));
  for (const [index, [X, Y, Z]] of Object.entries(MODEL)) {
    // yaw: rotate X/Z so the face's forward axis gains +x; then pitch: rotate Y/Z so it gains +y.
    const x1 = X * Math.cos(y) + Z * Math.sin(y);
    const z1 = -X * Math.sin(y) + Z * Math.cos(y);
    const y2 = Y * Math.cos(p) + z1 * Math.sin(p);
    points[Number(index)] = { x: 320 + 0.4 * x1, y: 240 - 0.4 * y2 };
  }
  return points;
}

describe(estimateHeadPose.name, () => {
  it.each([
    [0, 0],
    [25, 0],
    [-30, 0],
    [0, 15],
    [0, -20],
    [20, 10],
  ])('recovers yaw %d° and pitch %d° from projected landmarks', (yaw, pitch) => {
    const pose = estimateHeadPose(project(yaw, pitch));
    // Within a degree: combined turns differ slightly by how yaw and pitch compose.
    expect(Math.abs(pose.yaw - yaw)).toBeLessThan(1);
    expect(Math.abs(pose.pitch - pitch)).toBeLessThan(1);
  });

  it('reads a turn to the subject’s own left as positive yaw', () => {
    expect(estimateHeadPose(project(30, 0)).yaw).toBeGreaterThan(20);
  });
});
