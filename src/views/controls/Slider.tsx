import { useId } from 'react';

interface SliderProps {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly onChange: (value: number) => void;
  /** Log scale: the track spreads [min, max] geometrically (min > 0). */
  readonly log?: boolean;
  readonly step?: number;
  readonly format?: (value: number) => string;
  readonly disabled?: boolean;
  readonly hint?: string;
}

const LOG_STEPS = 1000;

/** A labelled range input with its value shown; log scale for rates and times. */
export function Slider({
  label,
  value,
  min,
  max,
  onChange,
  log,
  step = 1,
  format = String,
  disabled,
  hint,
}: SliderProps) {
  const id = useId();
  const toTrack = (v: number) =>
    log ? Math.round((Math.log(Math.max(min, v) / min) / Math.log(max / min)) * LOG_STEPS) : v;
  const fromTrack = (t: number) => {
    if (!log) return t;
    const raw = min * Math.pow(max / min, t / LOG_STEPS);
    return Number(raw.toPrecision(raw < 10 ? 2 : 3));
  };
  return (
    <div className="slider">
      <label htmlFor={id}>{label}</label>
      <output htmlFor={id} aria-live="off">
        {format(value)}
      </output>
      <input
        id={id}
        type="range"
        aria-label={label}
        aria-valuetext={format(value)}
        min={log ? 0 : min}
        max={log ? LOG_STEPS : max}
        step={log ? 1 : step}
        value={toTrack(value)}
        disabled={disabled}
        onChange={(e) => onChange(fromTrack(Number(e.currentTarget.value)))}
      />
      {hint && <p className="hint">{hint}</p>}
    </div>
  );
}

interface SelectProps<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly onChange: (value: T) => void;
}

export function Select<T extends string>({ label, value, options, onChange }: SelectProps<T>) {
  const id = useId();
  return (
    <div className="select">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
