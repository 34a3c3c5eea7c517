import { READ_ERROR_FIELDS as READ, WRITE_ERROR_FIELDS as WRITE } from './result'

// The browser session (an httpOnly cookie the API sets), API tokens and sessions (Settings).

const BROWSER_SESSION = `csrfToken expiresAt user { id email name }`
export const SIGN_IN = `mutation SignIn($email: String!, $password: String!) {
  signIn(email: $email, password: $password) { __typename ... on MutationSignInSuccess { data { ${BROWSER_SESSION} } } ${READ} }
}`
export const SIGN_UP = `mutation SignUp($email: String!, $password: String!, $name: String) {
  signUp(email: $email, password: $password, name: $name) { __typename ... on MutationSignUpSuccess { data { ${BROWSER_SESSION} } } ${READ} }
}`
export const SIGN_OUT = `mutation SignOut { signOut }`
/** Read over GET after a reload: the cookie is sent by the browser, the CSRF token comes back. */
export const CURRENT_BROWSER_SESSION = `query BrowserSession { browserSession { ${BROWSER_SESSION} } }`

const API_TOKEN = `id name prefix scopes createdAt lastUsedAt expiresAt`
export const API_TOKENS = `query ApiTokens { apiTokens { ${API_TOKEN} } }`
export const CREATE_API_TOKEN = `mutation CreateApiToken($name: String!, $scopes: [ApiTokenScope!], $expiresInDays: Int) {
  createApiToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {
    __typename ... on MutationCreateApiTokenSuccess { data { token apiToken { ${API_TOKEN} } } } ${WRITE}
  }
}`
export const REVOKE_API_TOKEN = `mutation RevokeApiToken($id: ID!) {
  revokeApiToken(id: $id) { __typename ... on MutationRevokeApiTokenSuccess { data } ${WRITE} }
}`

export const SESSIONS = `query Sessions { sessions { id kind current userAgent address createdAt expiresAt } }`
export const REVOKE_SESSION = `mutation RevokeSession($id: ID!) {
  revokeSession(id: $id) { __typename ... on MutationRevokeSessionSuccess { data } ... on Error { message code } }
}`

export const CREATE_TERMINAL_TICKET = `mutation CreateTerminalTicket($workflowId: ID!, $nodeId: String!) {
  createTerminalTicket(workflowId: $workflowId, nodeId: $nodeId) { __typename ... on MutationCreateTerminalTicketSuccess { data { ticket } } ${WRITE} }
}`
