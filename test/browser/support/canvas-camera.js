/* global document, navigator, setInterval, Image, window */
/*
 * Runs in the page before its own scripts (page.addInitScript): the webcam is a canvas whose
 * stream shows the fixture photos. The placeholder at the end is replaced with a map of pose → { url, mirrored }. Each frame
 * draws the pose of the instruction on screen ([data-challenge]), frontal otherwise; while the test
 * sets window.__cameraShows = 'nobody', the person has stepped away and the camera sees a dark room.
 */
(function installCanvasCamera(images) {
  const loaded = {};
  for (const [pose, { url, mirrored }] of Object.entries(images)) {
    const image = new Image();
    image.src = url;
    loaded[pose] = { image, mirrored };
  }
  async function canvasCamera() {
    const canvas = document.createElement('canvas');
    canvas.width = 1024;
    canvas.height = 1280;
    const ctx = canvas.getContext('2d');
    const draw = () => {
      if (window.__cameraShows === 'nobody') {
        ctx.fillStyle = '#2b2b2b';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        return;
      }
      const pose = document.querySelector('[data-challenge]')?.getAttribute('data-challenge') ?? 'frontal';
      const { image, mirrored } = loaded[pose] ?? loaded.frontal;
      if (!image.complete) return;
      ctx.save();
      if (mirrored) {
        ctx.translate(canvas.width, 0);
        ctx.scale(-1, 1);
      }
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      ctx.restore();
    };
    draw();
    setInterval(draw, 50);
    return canvas.captureStream(20);
  }
  navigator.mediaDevices.getUserMedia = canvasCamera;
  navigator.mediaDevices.enumerateDevices = async () => [{ deviceId: 'canvas', groupId: 'canvas', kind: 'videoinput', label: 'canvas camera', toJSON: () => ({}) }];
})(__CAMERA_POSES__);
