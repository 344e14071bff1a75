/**
 * Prometheus metrics (prom-client), one registry per server factory so two
 * servers in one process never share counters. prom-client is loaded at the
 * first thing recorded or read, not at start: a server answers `initialize`
 * and `tools/list` before any call, and start-up time is what a client waits for.
 */
import { createRequire } from 'node:module';
import type { Gauge, Registry } from 'prom-client';

const require = createRequire(import.meta.url);

export interface Metrics {
  readonly registry: Registry;
  recordCall(tool: string, outcome: CallOutcome, seconds: number, errorCode?: string): void;
  sessionOpened(): void;
  sessionClosed(): void;
  /** Prometheus text exposition. */
  render(): Promise<string>;
  readonly contentType: string;
}

export type CallOutcome = 'ok' | 'error' | 'invalid' | 'timeout' | 'cancelled' | 'rate_limited' | 'crash';

/** `record: false`: calls are not recorded (the registry still renders, with sessions and no calls). */
export function createMetrics(labels: { server: string; version: string }, options: { record?: boolean } = {}): Metrics {
  const record = options.record ?? true;
  let built: ReturnType<typeof build> | undefined;
  // Open sessions are a plain count the gauge reads when scraped: a stdio server
  // opens its one session at start, and that must not load prom-client.
  let openSessions = 0;
  const get = () => {
    built ??= build(labels, () => openSessions);
    return built;
  };
  return {
    get registry() {
      return get().registry;
    },
    get contentType() {
      return get().registry.contentType;
    },
    recordCall: record ? (tool, outcome, seconds, errorCode) => get().recordCall(tool, outcome, seconds, errorCode) : () => {},
    sessionOpened: () => {
      openSessions += 1;
    },
    sessionClosed: () => {
      openSessions = Math.max(0, openSessions - 1);
    },
    render: () => get().registry.metrics(),
  };
}

function build(labels: { server: string; version: string }, openSessions: () => number) {
  const { Counter, Gauge, Histogram, Registry } = require('prom-client') as typeof import('prom-client');
  const registry: Registry = new Registry();
  registry.setDefaultLabels(labels);
  const calls = new Counter({
    name: 'toolwright_tool_calls_total',
    help: 'Tool calls by tool and outcome.',
    labelNames: ['tool', 'outcome'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'toolwright_tool_errors_total',
    help: 'Tool calls that ended in an error result, by tool and error code.',
    labelNames: ['tool', 'code'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'toolwright_tool_call_duration_seconds',
    help: 'Tool call latency in seconds, by tool.',
    labelNames: ['tool'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  new Gauge({
    name: 'toolwright_open_sessions',
    help: 'Open MCP sessions.',
    registers: [registry],
    collect(this: Gauge) {
      this.set(openSessions());
    },
  });
  // Labelled children looked up once per tool and outcome, not hashed from label objects on every call.
  const callCounters = new Map<string, { inc(): void }>();
  const latencies = new Map<string, { observe(value: number): void }>();
  return {
    registry,
    recordCall(tool: string, outcome: CallOutcome, seconds: number, errorCode?: string) {
      const key = `${tool}\u0000${outcome}`;
      let counter = callCounters.get(key);
      if (!counter) {
        counter = calls.labels({ tool, outcome });
        callCounters.set(key, counter);
      }
      counter.inc();
      let histogram = latencies.get(tool);
      if (!histogram) {
        histogram = latency.labels({ tool });
        latencies.set(tool, histogram);
      }
      histogram.observe(seconds);
      if (errorCode) errors.inc({ tool, code: errorCode });
    },
  };
}
