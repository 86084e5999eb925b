// AudioWorklet processor: turns the microphone's float samples (first channel) into 16-bit
// little-endian PCM chunks of about 100 ms and posts each to the page with its RMS and whether it
// was digital silence (every sample exactly 0), so the page can draw a meter and spot a dead mic.
class PcmChunker extends AudioWorkletProcessor {
  constructor() {
    super();
    this.chunkFrames = Math.max(128, Math.round(sampleRate / 10));
    this.buffer = new Int16Array(this.chunkFrames);
    this.filled = 0;
    this.sumSquares = 0;
    this.nonZero = false;
  }

  process(inputs) {
    const input = inputs[0];
    if (!input || input.length === 0) { return true; }
    const channel = input[0];
    for (let i = 0; i < channel.length; i++) {
      const x = Math.max(-1, Math.min(1, channel[i]));
      if (x !== 0) { this.nonZero = true; }
      this.sumSquares += x * x;
      this.buffer[this.filled++] = x < 0 ? Math.round(x * 32768) : Math.round(x * 32767);
      if (this.filled === this.chunkFrames) { this.flush(); }
    }
    return true;
  }

  flush() {
    const pcm = this.buffer.buffer;
    this.port.postMessage({ pcm, rms: Math.sqrt(this.sumSquares / this.filled), silent: !this.nonZero,
      seconds: this.filled / sampleRate }, [pcm]);
    this.buffer = new Int16Array(this.chunkFrames);
    this.filled = 0;
    this.sumSquares = 0;
    this.nonZero = false;
  }
}

registerProcessor('pcm-chunker', PcmChunker);
