import { parentPort } from 'node:worker_threads';
import { bindComparison, type FieldComparison } from '@onconet/domain/linkage/compare/field-comparison';
import type { Dataset } from '@onconet/domain/linkage/dataset/dataset';
import { compareCandidates, sampleRandomLevels, type BlockedData } from '@onconet/domain/linkage/engine/compare-candidates';
import { PairStore } from '@onconet/domain/linkage/engine/pair-store';
import { probabilityToWeight } from '@onconet/domain/linkage/model/fellegi-sunter';
import { PatternCounter } from '@onconet/domain/linkage/model/patterns';
import { bindScorer } from '@onconet/domain/linkage/model/scorer';
import { ChunkEncoder, ChunkProblem } from './encode-chunk.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

/**
 * One worker thread of a batch linkage: it parses and normalises chunks of the files, then holds the shared dataset, compares
 * its share of the candidate pairs (keeping their comparison vectors) and scores them once the model
 * is trained. Only pattern counts and the pairs above the threshold travel back.
 */
let data: BlockedData | undefined;
let dataset: Dataset | undefined;
let comparisons: FieldComparison[] = [];
let store: PairStore | undefined;
/** This worker's dictionaries while the files are read; dropped once the dataset is loaded. */
let encoder: ChunkEncoder | undefined;

function handle(request: WorkerRequest): { response: WorkerResponse; transfer: ArrayBuffer[] } {
  switch (request.kind) {
    case 'encode': {
      encoder ??= new ChunkEncoder(request.specs);
      const chunk = encoder.encode(request.bytes, request.columns);
      return { response: { kind: 'encoded', chunk }, transfer: chunk.codes.map((c) => c.buffer as ArrayBuffer) };
    }
    case 'load': {
      encoder = undefined;
      const d = request.data;
      const unpack = (dict: string | readonly string[], size: number): readonly string[] => (typeof dict !== 'string' ? dict : size === 0 ? [] : dict.split('\0'));
      dataset = { size: d.size, leftSize: d.leftSize, fields: d.fields.map((f) => ({ spec: f.spec, features: f.features.map((x) => ({ ...x, dict: unpack(x.dict, x.counts.length) })) })) };
      comparisons = dataset.fields.map(bindComparison);
      data = { dataset, comparisons, groups: d.groups, layouts: d.layouts };
      store = new PairStore(comparisons.length);
      return { response: { kind: 'loaded' }, transfer: [] };
    }
    case 'sample':
      if (!dataset) throw new Error('no dataset loaded');
      return { response: { kind: 'sampled', counts: sampleRandomLevels(dataset, comparisons, request.count, request.seed) }, transfer: [] };
    case 'compare': {
      if (!data || !store) throw new Error('no dataset loaded');
      const counter = new PatternCounter(comparisons.length);
      compareCandidates(data, request.ranges, store, counter);
      const table = counter.toTable();
      return {
        response: { kind: 'compared', pairs: store.size, levels: table.levels, masks: table.masks, counts: table.counts },
        transfer: [table.levels.buffer as ArrayBuffer, table.masks.buffer as ArrayBuffer, table.counts.buffer as ArrayBuffer],
      };
    }
    case 'score': {
      if (!dataset || !store) throw new Error('no dataset loaded');
      const scorer = bindScorer(request.model, dataset);
      const K = comparisons.length;
      const min = probabilityToWeight(request.minProbability);
      const left: number[] = [];
      const right: number[] = [];
      const weight: number[] = [];
      for (let p = 0; p < store.size; p++) {
        const i = store.left[p] ?? 0;
        const w = scorer.weightOfLevels(store.levels, p * K, i);
        if (w < min) continue;
        const j = store.right[p] ?? 0;
        left.push(Math.min(i, j));
        right.push(Math.max(i, j));
        weight.push(w);
      }
      const out = { kind: 'scored' as const, left: Int32Array.from(left), right: Int32Array.from(right), weight: Float64Array.from(weight) };
      return { response: out, transfer: [out.left.buffer, out.right.buffer, out.weight.buffer] };
    }
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    const { response, transfer } = handle(request);
    parentPort?.postMessage(response, transfer);
  } catch (error) {
    const problem = error instanceof ChunkProblem ? { record: error.record, column: error.column } : {};
    parentPort?.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error), ...problem } satisfies WorkerResponse);
  }
});
