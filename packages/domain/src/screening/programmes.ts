import { BREAST } from './programmes/breast.ts';
import { CERVICAL } from './programmes/cervical.ts';
import { COLORECTAL } from './programmes/colorectal.ts';
import { LIVER } from './programmes/liver.ts';
import { LUNG } from './programmes/lung.ts';
import { UPPER_GI } from './programmes/upper-gi.ts';
import type { ProgrammeCode, ProgrammeDefinition } from './types.ts';

/** The six programmes as shipped (a network changes them only through `configureProgramme`). */
export const PROGRAMMES: Readonly<Record<ProgrammeCode, ProgrammeDefinition>> = Object.freeze({
  upper_gi: UPPER_GI,
  lung: LUNG,
  colorectal: COLORECTAL,
  liver: LIVER,
  breast: BREAST,
  cervical: CERVICAL,
});

export function programme(code: ProgrammeCode): ProgrammeDefinition {
  return PROGRAMMES[code];
}

export function isProgrammeCode(value: unknown): value is ProgrammeCode {
  return typeof value === 'string' && Object.hasOwn(PROGRAMMES, value);
}
