/**
 * "You're up": a buzz where the browser allows it (`navigator.vibrate`) and a short chime made with
 * WebAudio, no audio file. Browsers only let a page make sound after a tap, so sound is switched on by
 * one (`enableSound`), and stays on for this page.
 */

let audio: AudioContext | null = null;

export function soundEnabled(): boolean {
  return audio !== null;
}

/** Called from a tap: creates the audio context the browser allows only then, and plays the chime once. */
export function enableSound(): void {
  const Context = globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Context) return;
  audio ??= new Context();
  void audio.resume();
  chime();
}

export function disableSound(): void {
  void audio?.close();
  audio = null;
}

/** Two rising notes, 0.4 s in all. */
export function chime(): void {
  if (!audio) return;
  const start = audio.currentTime;
  [880, 1318.5].forEach((frequency, n) => {
    const osc = audio!.createOscillator();
    const gain = audio!.createGain();
    const at = start + n * 0.18;
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
    osc.connect(gain).connect(audio!.destination);
    osc.start(at);
    osc.stop(at + 0.22);
  });
}

/** Buzzes where the browser allows it; true when it did. */
export function buzz(): boolean {
  const nav = globalThis.navigator as Navigator | undefined;
  return typeof nav?.vibrate === 'function' ? nav.vibrate([200, 100, 200]) : false;
}
