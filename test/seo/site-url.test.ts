import { afterEach, describe, expect, it, vi } from 'vitest';
import { absoluteUrl, getSiteUrl } from '../../lib/site-url';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('SITE_URL', () => {
  it('defaults to http://localhost:3000 when unset or empty', () => {
    vi.stubEnv('SITE_URL', undefined);
    expect(getSiteUrl().href).toBe('http://localhost:3000/');
    vi.stubEnv('SITE_URL', '');
    expect(absoluteUrl('/fotografie/co-city')).toBe('http://localhost:3000/fotografie/co-city');
  });

  it('makes paths absolute on the public origin, with or without a trailing slash', () => {
    vi.stubEnv('SITE_URL', 'https://chiarabonetti.example/');
    expect(absoluteUrl('/fotografie/co-city')).toBe('https://chiarabonetti.example/fotografie/co-city');
    vi.stubEnv('SITE_URL', 'https://chiarabonetti.example');
    expect(absoluteUrl('/_static/images/co-city6.jpg')).toBe('https://chiarabonetti.example/_static/images/co-city6.jpg');
  });

  it('refuses anything but an http(s) URL, naming the variable', () => {
    vi.stubEnv('SITE_URL', 'chiarabonetti.example');
    expect(() => getSiteUrl()).toThrow(/Invalid URL/);
    vi.stubEnv('SITE_URL', 'ftp://chiarabonetti.example');
    expect(() => getSiteUrl()).toThrow('SITE_URL: expected an http(s) URL such as https://example.com, got "ftp://chiarabonetti.example"');
  });
});
