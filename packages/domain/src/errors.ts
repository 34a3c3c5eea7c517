import { formatIssuePath, type GraphIssue } from './graph/graph-issue.ts';

/** Base of every expected failure raised by the domain; the API maps subclasses to status codes. */
export class DomainError extends Error {
  readonly code: string;

  constructor(message: string, code = 'DOMAIN_ERROR') {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad input: carries every issue found, each with its full field path. */
export class ValidationError extends DomainError {
  readonly issues: GraphIssue[];

  constructor(issues: GraphIssue[], message = summarize(issues)) {
    super(message, 'VALIDATION_ERROR');
    this.issues = issues;
  }
}

function summarize(issues: GraphIssue[]): string {
  const first = issues[0];
  if (!first) return 'Invalid input';
  const where = formatIssuePath(first.path);
  const head = where ? `${where}: ${first.message}` : first.message;
  return issues.length === 1 ? head : `${head} (and ${issues.length - 1} more)`;
}
