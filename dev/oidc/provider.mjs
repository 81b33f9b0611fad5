// The development OpenID Connect provider: oidc-provider (a certified implementation) with the
// accounts officials sign in as in the development run and in the tests. It issues JWT access
// tokens for the UnitGrains API carrying the caller's unit and role, signed with RSA keys it
// publishes at its JWKS endpoint. Sign-in is oidc-provider's development login form (any password);
// it is for development and tests, never for production.
//
// Environment:
//   OIDC_PORT            port to listen on (default 8090)
//   OIDC_ISSUER          issuer URL (default http://localhost:$OIDC_PORT)
//   OIDC_REDIRECT_URIS   the dashboard's redirect URIs, comma-separated (default http://localhost:8080/)
//   OIDC_AUDIENCE        audience of the access tokens (default unitgrains-api)
//   OIDC_KEYS            JSON file holding the private JWKS; created when missing
//   OIDC_ROTATE=1        put a new signing key first (the old ones stay published), as at a key rotation
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 8090);
const issuer = process.env.OIDC_ISSUER ?? `http://localhost:${port}`;
const redirectUris = (process.env.OIDC_REDIRECT_URIS ?? 'http://localhost:8080/').split(',').map(s => s.trim()).filter(Boolean);
const audience = process.env.OIDC_AUDIENCE ?? 'unitgrains-api';
const resource = 'urn:unitgrains:api';
export const clientId = 'unitgrains-dashboard';

// Who can sign in: the login typed on the form is the account id.
const accounts = {
  'officer@26278': { unit: '26278', role: 'officer', name: 'Cán bộ Văn phòng xã Bình Minh' },
  'consolidator@75-SNV': { unit: '75-SNV', role: 'consolidator', name: 'Chuyên viên Sở Nội vụ tỉnh Đồng Nai' },
  'officer@75': { unit: '75', role: 'officer', name: 'Cán bộ Văn phòng UBND tỉnh Đồng Nai' },
  'viewer@VN': { unit: 'VN', role: 'viewer', name: 'Theo dõi toàn quốc' },
};

function newKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
}

function signingKeys() {
  const file = process.env.OIDC_KEYS;
  let keys = file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).keys : [];
  if (keys.length === 0 || process.env.OIDC_ROTATE === '1') keys = [newKey(), ...keys];
  if (file) writeFileSync(file, JSON.stringify({ keys }), { mode: 0o600 });
  return { keys };
}

const scopes = 'openid profile unitgrains';

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_name: 'UnitGrains',
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: redirectUris,
    post_logout_redirect_uris: redirectUris,
  }],
  jwks: signingKeys(),
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'unitgrains'],
  claims: { openid: ['sub'], profile: ['name'], unitgrains: ['unit', 'role'] },
  async findAccount(_ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account }) };
  },
  // The dashboard is the system's own client: its users are not asked to consent to it.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(scopes);
    grant.addResourceScope(resource, scopes);
    await grant.save();
    return grant;
  },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: scopes, audience, accessTokenFormat: 'jwt', accessTokenTTL: 3600, jwt: { sign: { alg: 'RS256' } } }),
    },
  },
  // The API decides by the token alone: its unit and role travel in the access token.
  async extraTokenClaims(_ctx, token) {
    const account = accounts[token.accountId];
    return account ? { unit: account.unit, role: account.role, name: account.name } : undefined;
  },
  ttl: { AccessToken: 3600, IdToken: 3600, Session: 8 * 3600, Grant: 8 * 3600, Interaction: 600 },
});
provider.proxy = false;

const server = provider.listen(port, () => {
  console.log(`UnitGrains development OpenID Connect provider listening on ${issuer} (accounts: ${Object.keys(accounts).join(', ')})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
