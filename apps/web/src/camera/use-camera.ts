import { useCallback, useEffect, useRef, useState } from 'react';

/** The webcam in a <video>, and a still of it as a JPEG (what the API takes). */
export function useCamera() {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'on' | 'failed'>('starting');

  useEffect(() => {
    let stream: MediaStream | undefined;
    let cancelled = false;
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 960 }, facingMode: 'user' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (cancelled || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        setState('on');
      })
      .catch(() => setState('failed'));
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  const capture = useCallback(async (): Promise<Blob> => {
    const v = video.current;
    if (!v || !v.videoWidth) throw new Error('camera not ready');
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no frame'))), 'image/jpeg', 0.92));
  }, []);

  return { video, state, capture };
}

/** Whether the device has a camera at all («Веб-камера имеется»), without asking for permission. */
export async function hasWebcam(): Promise<boolean> {
  if (!navigator.mediaDevices?.enumerateDevices) return false;
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.some((d) => d.kind === 'videoinput');
}
