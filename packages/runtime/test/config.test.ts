/**
 * Settings from TOOLWRIGHT_* variables and a `.env` file: sensible defaults,
 * and a ConfigurationError naming the variable for any bad value.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadEnvFile, readSettings } from '@toolwright/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

describe('readSettings', () => {
  it('defaults to a loopback HTTP server with no token', () => {
    expect(readSettings({})).toEqual({
      logLevel: undefined,
      toolTimeoutMs: undefined,
      http: {
        host: '127.0.0.1',
        port: 3000,
        stateless: false,
        authToken: undefined,
        allowedOrigins: [],
        allowedHosts: [],
        maxBodyBytes: 4 * 1024 * 1024,
        legacySse: false,
        sessionIdleMs: 30 * 60_000,
        maxSessions: 1000,
      },
    });
  });

  it('reads every variable', () => {
    const settings = readSettings({
      TOOLWRIGHT_LOG_LEVEL: 'debug',
      TOOLWRIGHT_TOOL_TIMEOUT_MS: '5000',
      TOOLWRIGHT_HOST: '0.0.0.0',
      TOOLWRIGHT_PORT: '8080',
      TOOLWRIGHT_STATELESS: 'true',
      TOOLWRIGHT_AUTH_TOKEN: 'a-secret-token',
      TOOLWRIGHT_ALLOWED_ORIGINS: 'https://a.example, https://b.example,',
      TOOLWRIGHT_ALLOWED_HOSTS: 'mcp.example',
      TOOLWRIGHT_MAX_BODY_BYTES: '1024',
      TOOLWRIGHT_LEGACY_SSE: 'yes',
      TOOLWRIGHT_SESSION_IDLE_MS: '60000',
      TOOLWRIGHT_MAX_SESSIONS: '5',
    });
    expect(settings).toEqual({
      logLevel: 'debug',
      toolTimeoutMs: 5000,
      http: {
        host: '0.0.0.0',
        port: 8080,
        stateless: true,
        authToken: 'a-secret-token',
        allowedOrigins: ['https://a.example', 'https://b.example'],
        allowedHosts: ['mcp.example'],
        maxBodyBytes: 1024,
        legacySse: true,
        sessionIdleMs: 60000,
        maxSessions: 5,
      },
    });
  });

  it('accepts port 0 (any free port) and treats empty values as unset', () => {
    expect(readSettings({ TOOLWRIGHT_PORT: '0' }).http.port).toBe(0);
    expect(readSettings({ TOOLWRIGHT_PORT: '', TOOLWRIGHT_AUTH_TOKEN: '', TOOLWRIGHT_HOST: '' }).http).toMatchObject({
      port: 3000,
      authToken: undefined,
      host: '127.0.0.1',
    });
  });

  it.each([
    ['1', true],
    ['TRUE', true],
    ['yes', true],
    ['0', false],
    ['false', false],
    ['No', false],
    ['', false],
  ])('reads the flag value %j as %s', (value, expected) => {
    expect(readSettings({ TOOLWRIGHT_STATELESS: value }).http.stateless).toBe(expected);
  });

  it.each([
    ['TOOLWRIGHT_LOG_LEVEL', 'verbose'],
    ['TOOLWRIGHT_TOOL_TIMEOUT_MS', 'abc'],
    ['TOOLWRIGHT_TOOL_TIMEOUT_MS', '0'],
    ['TOOLWRIGHT_TOOL_TIMEOUT_MS', '1.5'],
    ['TOOLWRIGHT_PORT', '-1'],
    ['TOOLWRIGHT_PORT', 'http'],
    ['TOOLWRIGHT_PORT', '65536'],
    ['TOOLWRIGHT_MAX_BODY_BYTES', '4MB'],
    ['TOOLWRIGHT_SESSION_IDLE_MS', '-5'],
    ['TOOLWRIGHT_MAX_SESSIONS', '0'],
    ['TOOLWRIGHT_STATELESS', 'maybe'],
    ['TOOLWRIGHT_LEGACY_SSE', 'on'],
  ])('rejects %s=%j with an error naming the variable and value', (name, value) => {
    const read = () => readSettings({ [name]: value });
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(`${name}="${value}"`);
  });
});

describe('loadEnvFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'toolwright-config-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads .env into the given environment and returns its path', () => {
    writeFileSync(join(dir, '.env'), 'GITHUB_TOKEN=from-file\nTOOLWRIGHT_PORT=4000\n# a comment\nQUOTED="a b"\n');
    const env: NodeJS.ProcessEnv = {};
    expect(loadEnvFile(dir, env)).toBe(join(dir, '.env'));
    expect(env).toEqual({ GITHUB_TOKEN: 'from-file', TOOLWRIGHT_PORT: '4000', QUOTED: 'a b' });
    expect(readSettings(env).http.port).toBe(4000);
  });

  it('never overrides a variable that is already set', () => {
    writeFileSync(join(dir, '.env'), 'GITHUB_TOKEN=from-file\nOTHER=x\n');
    const env: NodeJS.ProcessEnv = { GITHUB_TOKEN: 'from-shell' };
    loadEnvFile(dir, env);
    expect(env).toEqual({ GITHUB_TOKEN: 'from-shell', OTHER: 'x' });
  });

  it('does nothing without a .env file', () => {
    const env: NodeJS.ProcessEnv = { A: '1' };
    expect(loadEnvFile(dir, env)).toBeUndefined();
    expect(env).toEqual({ A: '1' });
  });

  it('does not touch process.env when given another environment', () => {
    writeFileSync(join(dir, '.env'), 'TOOLWRIGHT_CONFIG_TEST_ONLY=1\n');
    loadEnvFile(dir, {});
    expect(process.env.TOOLWRIGHT_CONFIG_TEST_ONLY).toBeUndefined();
  });
});
