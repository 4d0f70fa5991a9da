// The public APIs, through the web app's same-origin proxy: /api/activity, /api/settings, /api/connector.
import { session } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem?.title || `The request was refused (${status})`;
    this.detail = problem?.detail;
    this.errors = problem?.errors || [];
  }
}

/**
 * call('activity', '/activities?from=..', {method, body, etag, contentType}) → {status, data, etag}.
 * Throws ApiError with the service's problem (title, detail, errors) for every 4xx/5xx.
 */
export async function call(service, path, { method = 'GET', body, etag, contentType = 'application/json' } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = contentType;
  if (etag) headers['If-Match'] = etag;
  const response = await fetch(`/api/${service}${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) session.expired();
  return answer(response);
}

/** The same for the web app's own endpoints (/web/..., /sim/...), which need no bearer token. */
export async function local(path, { method = 'GET', body } = {}) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer(response);
}

async function answer(response) {
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { detail: text }; }
  if (!response.ok) {
    // Graph's errors ({error: {code, message}}) as a problem, so that every refusal is shown alike
    const problem = data?.error ? { title: data.error.code, detail: data.error.message } : data;
    throw new ApiError(response.status, problem);
  }
  return { status: response.status, data, etag: response.headers.get('ETag') };
}
