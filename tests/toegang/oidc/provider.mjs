// SPDX-License-Identifier: EUPL-1.2
// A real OpenID Connect provider for the staff log-in with the own organisation
// (tests/toegang/oidc/__init__.py starts it): the npm package oidc-provider, as the portal's
// DigiD tests use it, with its development log-in form. The log-in name typed is the account
// id (the `sub`); the other claims of an account are read from a JSON file at every log-in,
// so a test gives an account its groups, an Entree-style school claim or a disabled flag
// before it logs in:
//
//   { "<account id>": { "email": "...", "groups": ["..."], "account_disabled": true, ... } }
//
//   node provider.mjs <port> <client_id> <client_secret> <redirect_uri> <accounts.json>
//
// Scopes: openid, email, profile, groups (claim `groups`), entree (the Entree Federatie
// claims nlEduPersonHomeOrganizationId, nlEduPersonHomeOrganizationBranchId and
// eduPersonAffiliation) and status (claim `account_disabled`). PKCE is required; ID tokens
// are signed RS256 with a key made at start (JWKS).
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';

import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri, accountsFile] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const terug = new URL(redirectUri).pathname;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', use: 'sig', alg: 'RS256' };

function accounts() {
  try {
    return JSON.parse(readFileSync(accountsFile, 'utf8'));
  } catch {
    return {};
  }
}

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
  scopes: ['openid', 'email', 'profile', 'groups', 'entree', 'status'],
  claims: {
    openid: ['sub'],
    email: ['email'],
    profile: ['given_name', 'family_name'],
    groups: ['groups'],
    entree: [
      'nlEduPersonHomeOrganizationId',
      'nlEduPersonHomeOrganizationBranchId',
      'eduPersonAffiliation',
    ],
    status: ['account_disabled'],
  },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { ...(accounts()[id] || {}), sub: id };
      },
    };
  },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['test-cookie-key-binnenboord-sso'] },
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
