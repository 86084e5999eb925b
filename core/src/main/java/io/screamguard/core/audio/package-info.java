/**
 * Audio in: everything between an uploaded file or a live PCM stream and mono float samples at the
 * analysis rate.
 *
 * <p>Uploads: {@link io.screamguard.core.audio.AudioDecoder} recognises the container by its magic
 * bytes ({@code FormatSniffer}), decodes it ({@code WavDecoder}, our own parser; {@code Mp3Decoder},
 * JLayer; {@code FlacDecoder}, the project's own FLAC decoder ({@code FlacBitReader},
 * {@code FlacFrameDecoder}, {@code FlacPrediction}, after RFC 9639); {@code OggVorbisDecoder},
 * JOrbis driven directly; {@code M4aDecoder}, JAAD; {@code FfmpegDecoder}, the {@code ffmpeg} executable for anything else),
 * mixes the channels to their mean and returns a {@link io.screamguard.core.audio.DecodedAudio} at
 * the source rate. {@link io.screamguard.core.audio.DecodeLimits} bound the input bytes and the
 * audio seconds before anything large is allocated, and the only exception that escapes is
 * {@link io.screamguard.core.audio.AudioDecodeException} with a
 * {@link io.screamguard.core.audio.AudioDecodeException.Kind}.
 *
 * <p>Resampling: {@link io.screamguard.core.audio.Resampler} (a whole signal) and
 * {@link io.screamguard.core.audio.StreamResampler} (chunks of a stream; bit-identical output) share
 * one Kaiser-windowed sinc polyphase filter ({@code PolyphaseFilter}, {@code KaiserSinc}) designed
 * after soxr "HQ", which librosa uses: linear phase, no delay, passband to 0.91 of the lower Nyquist
 * frequency, stopband from the Nyquist frequency on, about 130 dB down.
 *
 * <p>Live streams: {@link io.screamguard.core.audio.PcmFrameDecoder} turns s16le/f32le bytes arriving
 * in chunks of any size into mono samples, and {@link io.screamguard.core.audio.SampleWindower}
 * cuts fixed-length windows with a hop; bytes -> decoder -> stream resampler -> windower yields the
 * same windows as the offline path on the whole signal.
 *
 * <p>Threading: the decoders, {@code Resampler} and the coefficient tables are stateless or immutable
 * and thread-safe; {@code StreamResampler}, {@code PcmFrameDecoder} and {@code SampleWindower} hold a
 * stream's state and belong to one stream (one thread at a time). No file or socket is opened here
 * except by {@code AudioDecoder.decode(Path)} and the ffmpeg process.
 */
package io.screamguard.core.audio;
