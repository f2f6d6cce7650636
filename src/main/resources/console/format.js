// How the console writes numbers, sizes, durations and times.

export function bytes(n) {
  if (n === null || n === undefined) return "–";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? Math.round(n) : +n.toFixed(1)) + " " + units[i];
}

// An age shown in the sinks table: "–" for none.
export function age(seconds) {
  if (!seconds) return "–";
  return duration(seconds);
}

// A duration from milliseconds to hours, with the unit that reads best.
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return "–";
  if (seconds === 0) return "0 s";
  if (seconds < 1) return +(seconds * 1000).toPrecision(3) + " ms";
  if (seconds < 60) return +seconds.toPrecision(3) + " s";
  if (seconds < 3600) return +(seconds / 60).toFixed(1) + " min";
  return +(seconds / 3600).toFixed(1) + " h";
}

// A time span in whole units, for chart axes: "45 s", "4 min 35 s", "15 min".
export function span(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return s + " s";
  const minutes = Math.floor(s / 60);
  return minutes + " min" + (s % 60 ? " " + (s % 60) + " s" : "");
}

export function rate(perSecond) {
  if (perSecond === null || perSecond === undefined) return "–";
  return (perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond)) + "/s";
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : "–";
}
