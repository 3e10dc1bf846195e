// SPDX-License-Identifier: EUPL-1.2
// A real OpenID Connect provider for the portal's DigiD tests (tests/portaal/oidc/__init__.py
// starts it): the certified npm package oidc-provider, with its development log-in form, where
// the log-in name typed IS the BSN. One client (PORTAAL_OIDC_* of the test), scope `bsn` with
// the claim `bsn`, PKCE required, ID tokens signed RS256 with a key made at start (JWKS).
//
//   node provider.mjs <port> <client_id> <client_secret> <redirect_uri>
//
// Besides the registered redirect URI it accepts the same path on a test server of this
// machine (the end-to-end tests' live server has a port chosen at run time).
import { generateKeyPairSync } from 'node:crypto';

import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const terug = new URL(redirectUri).pathname;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
    },
  ],
  jwks: { keys: [jwk] },
  scopes: ['openid', 'bsn'],
  claims: { openid: ['sub'], bsn: ['bsn'] },
  // the log-in name of the development form is the account id, and the BSN
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, bsn: id };
      },
    };
  },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['test-cookie-key-binnenboord'] },
  ttl: { Session: 600, Interaction: 600, Grant: 600 },
});

const geregistreerd = provider.Client.prototype.redirectUriAllowed;
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
  if (geregistreerd.call(this, value)) return true;
  try {
    const url = new URL(value);
    return (
      url.protocol === 'http:' &&
      ['127.0.0.1', 'localhost', 'testserver'].includes(url.hostname) &&
      url.pathname === terug &&
      url.search === '' &&
      url.hash === ''
    );
  } catch {
    return false;
  }
};

provider.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`klaar ${issuer}\n`);
});
