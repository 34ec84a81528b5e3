import { describe, expect, it } from 'vitest';
import { checkProjectName, suggestProjectName } from '../../src/options/project-name.js';

describe('project name validation', () => {
  it.each(['my-server', 'netsuite-mcp', 'a', '@acme/crm-mcp', 'mcp.server_2'])('accepts %s', (name) => {
    expect(checkProjectName(name)).toEqual({ valid: true });
  });

  it('rejects capital letters and suggests the lower-case name', () => {
    expect(checkProjectName('MyServer')).toMatchObject({ valid: false, suggestion: 'myserver' });
  });

  it('rejects spaces and suggests dashes', () => {
    expect(checkProjectName('my mcp server')).toMatchObject({ valid: false, suggestion: 'my-mcp-server' });
  });

  it('rejects a leading dot or underscore', () => {
    expect(checkProjectName('_private')).toMatchObject({ valid: false, suggestion: 'private' });
    expect(checkProjectName('.hidden')).toMatchObject({ valid: false, suggestion: 'hidden' });
  });

  it('rejects Node core module names and suggests a distinct one', () => {
    expect(checkProjectName('http')).toMatchObject({ valid: false, suggestion: 'http-mcp' });
  });

  it('rejects names longer than 214 characters', () => {
    const check = checkProjectName('a'.repeat(215));
    expect(check.valid).toBe(false);
    expect(suggestProjectName('a'.repeat(215))).toHaveLength(214);
  });

  it('keeps the scope of a scoped name when correcting it', () => {
    expect(suggestProjectName('@Acme/CRM Server')).toBe('@acme/crm-server');
  });

  it('rejects a slash outside a scope', () => {
    expect(checkProjectName('tools/server')).toMatchObject({ valid: false, suggestion: 'tools-server' });
  });

  it('has no suggestion when nothing usable is left', () => {
    expect(checkProjectName('!!!')).toMatchObject({ valid: false, suggestion: undefined });
  });
});
