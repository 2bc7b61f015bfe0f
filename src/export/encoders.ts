import { applyPalette, GIFEncoder, quantize } from 'gifenc';
import { ArrayBufferTarget, Muxer } from 'webm-muxer';

/** Takes frames drawn on a canvas, one after another, and makes a file of them. */
export interface FrameSink {
  /** The canvas as the next `frames` frames (a held moment is one picture shown longer). */
  add(canvas: HTMLCanvasElement, frames: number): Promise<void>;
  finish(): Promise<Blob>;
}

/**
 * An animated GIF: each picture with its own 256-colour palette, looping forever. A picture held
 * for several frames is written once with a longer delay: GIFs do not compress repeats, and the
 * holds on captions are most of a run's frames.
 */
export function gifSink(fps: number): FrameSink {
  const gif = GIFEncoder();
  return {
    async add(canvas, frames) {
      const delay = Math.round((frames * 1000) / fps);
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) throw new Error('no 2D canvas in this browser');
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      const palette = quantize(data, 256);
      gif.writeFrame(applyPalette(data, palette), canvas.width, canvas.height, { palette, delay });
    },
    async finish() {
      gif.finish();
      return new Blob([gif.bytes()], { type: 'image/gif' });
    },
  };
}

/** Whether this browser can encode the WebM video (WebCodecs with VP8). */
export async function canEncodeWebm(width: number, height: number): Promise<boolean> {
  if (typeof VideoEncoder === 'undefined') return false;
  const support = await VideoEncoder.isConfigSupported(webmConfig(width, height));
  return support.supported === true;
}

const webmConfig = (width: number, height: number): VideoEncoderConfig => ({
  codec: 'vp8',
  width,
  height,
  bitrate: 2_000_000,
});

/** A WebM video (VP8), encoded frame by frame with WebCodecs, so it takes no real time to record. */
export function webmSink(width: number, height: number, fps: number): FrameSink {
  const target = new ArrayBufferTarget();
  const muxer = new Muxer({ target, video: { codec: 'V_VP8', width, height, frameRate: fps } });
  let failure: Error | null = null;
  const encoder = new VideoEncoder({
    output: (chunk, meta) => muxer.addVideoChunk(chunk, meta),
    error: (error) => (failure = error),
  });
  encoder.configure(webmConfig(width, height));
  let index = 0;
  return {
    // A held picture is encoded again for each frame: the codec makes repeats nearly free, and
    // every frame keeps its place in time, the last one included.
    async add(canvas, frames) {
      for (let repeat = 0; repeat < frames; repeat++) {
        if (failure) throw failure;
        const frame = new VideoFrame(canvas, { timestamp: Math.round((index * 1_000_000) / fps) });
        // A key frame every two seconds, so a player can seek.
        encoder.encode(frame, { keyFrame: index % (fps * 2) === 0 });
        frame.close();
        index++;
        // Let the encoder drain: a long queue holds every frame in memory.
        while (encoder.encodeQueueSize > 8) await new Promise((r) => setTimeout(r, 5));
      }
    },
    async finish() {
      await encoder.flush();
      if (failure) throw failure;
      encoder.close();
      muxer.finalize();
      return new Blob([target.buffer], { type: 'video/webm' });
    },
  };
}
