// Calls to the server's JSON API with the session cookie. Every error answer of the server is
// { "error": ..., "detail": ... } with an HTTP status; api() turns it into an ApiError so a page can
// show the detail, and sends the person to the sign-in page when the session has ended.

/** An error answer of the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, error, detail) {
    super(detail || error || `HTTP ${status}`);
    this.status = status;
    this.error = error;
    this.detail = detail;
  }
}

/**
 * Calls the API and returns the parsed JSON body (null for an empty answer).
 * options: { method, json (a value sent as JSON), body (FormData or Blob), signal, redirectOn401 }.
 */
export async function api(path, options = {}) {
  const init = { method: options.method || 'GET', credentials: 'same-origin', signal: options.signal, headers: {} };
  if (options.json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    init.body = options.body;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if (e.name === 'AbortError') { throw e; }
    throw new ApiError(0, 'network', 'The server could not be reached. Check the connection and try again.');
  }
  if (response.status === 401 && options.redirectOn401 !== false) {
    window.location.replace('/signin.html');
  }
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      throw new ApiError(response.status, 'bad_answer', `The server answered ${response.status} with something that is not JSON.`);
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, body && body.error, body && body.detail);
  }
  return body;
}

/** Shows an error (ApiError or any Error) in an element with role=alert or aria-live. */
export function showError(element, error) {
  element.textContent = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  element.hidden = false;
}
