import { readFileSync } from 'node:fs';
import { parseLinkConfig, type LinkConfig } from '@onconet/domain/linkage/config/link-config';
import { parseModel } from '@onconet/domain/linkage/model/serialise';
import type { LinkModel } from '@onconet/domain/linkage/model/link-model';
import { CliInputError, CliUsageError } from '../errors.ts';

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliInputError(file, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function loadLinkConfig(file: string): LinkConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof CliInputError) throw error;
    throw new CliInputError(file, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = parseLinkConfig(raw);
  if (!parsed.ok) throw new CliInputError(file, parsed.error.message, undefined, parsed.error.field);
  return parsed.value;
}

export function loadModel(file: string, config: LinkConfig): LinkModel {
  const parsed = parseModel(readText(file));
  if (!parsed.ok) throw new CliInputError(file, parsed.error.message);
  const model = parsed.value;
  if (JSON.stringify(model.fields) !== JSON.stringify(config.fields)) throw new CliInputError(file, 'the model was trained on other fields than link.json names');
  return model;
}

export function parseProbability(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const p = Number(raw);
  if (!(p > 0 && p < 1)) throw new CliUsageError(`${flag} must be a probability strictly between 0 and 1, not "${raw}"`);
  return p;
}
