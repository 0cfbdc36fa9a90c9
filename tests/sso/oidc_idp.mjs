// A real OpenID Connect provider for the tests (the certified `oidc-provider` package), on 127.0.0.1.
//
// Environment: IDP_ACCOUNTS_FILE (JSON {login: {claims: {...}}}, read at each login so tests can add
// people), IDP_REDIRECT_PATTERN (a regular expression the redirect and post-logout URIs must match:
// the test client's and the live server's hosts are only known later), IDP_PORT (0 = any free
// port), IDP_ANY_ACCOUNT_OF (the demo's domain: any login of it is a person with a verified address).
// Prints one line `READY <issuer>` once listening.
//
// Clients: `mentorat` behaves; the others answer the token request with an ID token that is
// re-signed after one change, to prove the platform refuses it: `mentorat-wrong-aud`,
// `mentorat-expired`, `mentorat-bad-signature` (signed by a key the provider never published),
// `mentorat-wrong-nonce`, `mentorat-wrong-iss` (minted in another provider's name). `mentorat-jwt-userinfo` gets its userinfo as a signed JWT, as ProConnect does.
import fs from "node:fs";
import http from "node:http";
import { URLSearchParams } from "node:url";

import { exportJWK, generateKeyPair, decodeJwt, SignJWT } from "jose";
import Provider from "oidc-provider";

const accountsFile = process.env.IDP_ACCOUNTS_FILE;
const redirectPattern = new RegExp(process.env.IDP_REDIRECT_PATTERN || "^$");
const requestedPort = Number(process.env.IDP_PORT || 0);
const KID = "idp-signing-key";

const { privateKey } = await generateKeyPair("RS256", { extractable: true });
const { privateKey: foreignKey } = await generateKeyPair("RS256", { extractable: true });
const signingJwk = { ...(await exportJWK(privateKey)), kid: KID, alg: "RS256", use: "sig" };

const TAMPER = {
  "mentorat-wrong-aud": (claims) => ({ ...claims, aud: "another-client" }),
  "mentorat-expired": (claims) => ({ ...claims, iat: claims.iat - 7200, exp: claims.iat - 3600 }),
  "mentorat-bad-signature": (claims) => claims,
  "mentorat-wrong-nonce": (claims) => ({ ...claims, nonce: "a-nonce-of-another-login" }),
  "mentorat-wrong-iss": (claims) => ({ ...claims, iss: "https://another-issuer.example" }),
};
const clients = ["mentorat", "mentorat-jwt-userinfo", ...Object.keys(TAMPER)].map((clientId) => ({
  client_id: clientId,
  client_secret: `${clientId}-secret`,
  redirect_uris: ["http://127.0.0.1/registered-by-pattern"],
  grant_types: ["authorization_code"],
  response_types: ["code"],
  token_endpoint_auth_method: "client_secret_basic",
  // As ProConnect: the userinfo is a signed JWT (application/jwt).
  ...(clientId === "mentorat-jwt-userinfo" ? { userinfo_signed_response_alg: "RS256" } : {}),
}));

const anyAccountOf = process.env.IDP_ANY_ACCOUNT_OF || "";

function readAccounts() {
  const accounts = JSON.parse(fs.readFileSync(accountsFile, "utf8"));
  if (!anyAccountOf) return accounts;
  return new Proxy(accounts, {
    get(target, login) {
      if (target[login] || typeof login !== "string" || !login.endsWith(`@${anyAccountOf}`)) return target[login];
      const [first, last = ""] = login.split("@")[0].split(".");
      const title = (word) => word.charAt(0).toUpperCase() + word.slice(1);
      return { claims: { email: login, email_verified: true, given_name: title(first), family_name: title(last) } };
    },
  });
}

function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

let issuer;
const server = http.createServer();
server.listen(requestedPort, "127.0.0.1", () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  start();
});

function start() {
  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [signingJwk] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["given_name", "family_name", "usual_name"],
      acr: null,
      amr: null,
    },
    conformIdTokenClaims: false,
    acrValues: ["eidas1", "eidas2"],
    pkce: { required: () => true },
    cookies: { keys: ["tests-only-cookie-key"] },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, id) {
      const account = readAccounts()[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
    },
    // First-party client: consent is implied.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      grant.addOIDCClaims(["email", "email_verified", "given_name", "family_name", "usual_name", "amr", "acr"]);
      await grant.save();
      return grant;
    },
  });
  provider.proxy = false;
  provider.Client.prototype.redirectUriAllowed = (uri) => redirectPattern.test(uri);
  provider.Client.prototype.postLogoutRedirectUriAllowed = (uri) => redirectPattern.test(uri);

  // Re-sign the ID token of the misbehaving clients after one change.
  provider.use(async (ctx, next) => {
    await next();
    const clientId = ctx.oidc?.client?.clientId;
    if (ctx.path === "/token" && ctx.body?.id_token && TAMPER[clientId]) {
      const claims = TAMPER[clientId](decodeJwt(ctx.body.id_token));
      const key = clientId === "mentorat-bad-signature" ? foreignKey : privateKey;
      ctx.body = {
        ...ctx.body,
        id_token: await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: KID }).sign(key),
      };
    }
  });

  const handler = provider.callback();
  server.on("request", async (req, res) => {
    try {
      const url = new URL(req.url, issuer);
      const match = url.pathname.match(/^\/interaction\/([^/]+)(\/login)?$/);
      if (!match) return handler(req, res);
      const details = await provider.interactionDetails(req, res);
      if (req.method === "POST" && match[2]) {
        let body = "";
        for await (const chunk of req) body += chunk;
        const form = new URLSearchParams(body);
        const login = form.get("login") || "";
        if (!readAccounts()[login]) {
          res.writeHead(400, { "content-type": "text/plain" });
          return res.end("unknown account");
        }
        const mfa = form.get("mfa") === "on";
        return provider.interactionFinished(
          req,
          res,
          { login: { accountId: login, amr: mfa ? ["pwd", "mfa"] : ["pwd"], acr: mfa ? "eidas2" : "eidas1" } },
          { mergeWithLastSubmission: false },
        );
      }
      const hint = escapeHtml(details.params.login_hint);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(`<!doctype html><html lang="fr"><head><title>Fournisseur d'identité de test</title></head>
<body><main><h1>Fournisseur d'identité de test</h1>
<form method="post" action="/interaction/${escapeHtml(details.uid)}/login">
<label for="login">Identifiant</label> <input id="login" name="login" value="${hint}">
<label><input type="checkbox" name="mfa"> Double authentification</label>
<button type="submit">Valider</button></form></main></body></html>`);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    }
  });
  console.log(`READY ${issuer}`);
}

process.on("SIGTERM", () => server.close(() => process.exit(0)));
