import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/render/engine.js';

describe('template engine', () => {
  it('fills fields from the context', () => {
    expect(renderTemplate('name: {{projectName}}', { projectName: 'demo' }, 't')).toBe('name: demo');
  });

  it('does not HTML-escape, because it writes code', () => {
    expect(renderTemplate('{{value}}', { value: `a < b && "c" => 'd'` }, 't')).toBe(`a < b && "c" => 'd'`);
  });

  it('fails on a field the context lacks, naming the template', () => {
    expect(() => renderTemplate('{{projectNmae}}', { projectName: 'demo' }, 'base/package.json.hbs')).toThrow(
      /base\/package.json.hbs.*projectNmae/s,
    );
  });

  it('fails on a missing nested field inside a block', () => {
    expect(() => renderTemplate('{{#if deploy.kubernetes}}x{{/if}}', { deploy: { docker: true } }, 't')).toThrow(/kubernetes/);
  });

  it('keeps helpers registered elsewhere out of its templates', async () => {
    const { default: Handlebars } = await import('handlebars');
    Handlebars.registerHelper('shout', (text: string) => text.toUpperCase());
    expect(() => renderTemplate('{{shout projectName}}', { projectName: 'demo' }, 't')).toThrow();
    Handlebars.unregisterHelper('shout');
  });
});
