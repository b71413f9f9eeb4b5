import { expect, test } from 'vitest';
import { checkEndpointUrl } from '../src/webhooks/endpoint-url.js';

test('in production, webhook endpoints must be public https URLs; development allows loopback', () => {
  expect(() => checkEndpointUrl('http://127.0.0.1:9/x', false)).not.toThrow();
  expect(() => checkEndpointUrl('https://hooks.example.com/duet', true)).not.toThrow();
  for (const url of ['http://hooks.example.com/x', 'https://localhost/x', 'https://127.0.0.1/x', 'https://10.1.2.3/x', 'https://192.168.0.1/', 'https://172.20.0.1/', 'https://169.254.169.254/latest', 'https://[::1]/x', 'https://[fd00::1]/', 'https://metadata.internal/']) {
    expect(() => checkEndpointUrl(url, true), url).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  }
});
