// The microphone as 16-bit PCM chunks: getUserMedia with every browser processing off (the model
// never heard echo-cancelled, denoised or gain-controlled audio), an AudioContext at 16 kHz when
// the browser resamples for us (Chromium does) else at its native rate, and the PCM worklet.

/** Starts capturing; onChunk({pcm: ArrayBuffer, rms, silent, seconds}). Returns a handle with sampleRate, track, stop(). */
export async function openMicrophone(onChunk) {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
    video: false
  });
  let context;
  try {
    context = await wire(new AudioContext({ sampleRate: 16000 }), stream, onChunk);
  } catch (e) {
    // a browser that cannot resample the microphone into a 16 kHz context: the native rate, the server resamples
    context = await wire(new AudioContext(), stream, onChunk);
  }
  const track = stream.getAudioTracks()[0];
  return {
    sampleRate: context.sampleRate,
    track,
    async stop() {
      stream.getTracks().forEach(t => t.stop());
      await context.close().catch(() => {});
    }
  };
}

async function wire(context, stream, onChunk) {
  try {
    await context.audioWorklet.addModule('/js/monitor/pcm-worklet.js');
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, 'pcm-chunker', { numberOfInputs: 1, numberOfOutputs: 1 });
    node.port.onmessage = event => onChunk(event.data);
    // pulled through a muted gain to the output so the graph runs; nothing is heard
    const mute = context.createGain();
    mute.gain.value = 0;
    source.connect(node).connect(mute).connect(context.destination);
    if (context.state === 'suspended') { await context.resume(); }
    return context;
  } catch (e) {
    await context.close().catch(() => {});
    throw e;
  }
}
