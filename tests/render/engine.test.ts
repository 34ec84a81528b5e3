import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/render/engine.js';

describe('template engine', () => {
  it('fills fields from the context', async () => {
    expect(await renderTemplate('name: {{projectName}}', { projectName: 'demo' }, 't')).toBe('name: demo');
  });

  it('does not HTML-escape, because it writes code', async () => {
    expect(await renderTemplate('{{value}}', { value: `a < b && "c" => 'd'` }, 't')).toBe(`a < b && "c" => 'd'`);
  });

  it('fails on a field the context lacks, naming the template', async () => {
    await expect(renderTemplate('{{projectNmae}}', { projectName: 'demo' }, 'base/package.json.hbs')).rejects.toThrow(/base\/package.json.hbs.*projectNmae/s);
  });

  it('fails on a missing nested field inside a block', async () => {
    await expect(renderTemplate('{{#if deploy.kubernetes}}x{{/if}}', { deploy: { docker: true } }, 't')).rejects.toThrow(/kubernetes/);
  });

  it('keeps helpers registered elsewhere out of its templates', async () => {
    const { default: Handlebars } = await import('handlebars');
    Handlebars.registerHelper('shout', (text: string) => text.toUpperCase());
    await expect(renderTemplate('{{shout projectName}}', { projectName: 'demo' }, 't')).rejects.toThrow();
    Handlebars.unregisterHelper('shout');
  });

  it('renders a partial with the same context, escaping nothing in it either', async () => {
    const partials = { greeting: 'hello {{projectName}} & {{value}}' };
    expect(await renderTemplate('{{> greeting}}!', { projectName: 'demo', value: '<b>' }, 't', partials)).toBe('hello demo & <b>!');
  });

  it('fails on a field a partial names that the context lacks', async () => {
    await expect(renderTemplate('{{> greeting}}', { projectName: 'demo' }, 't', { greeting: '{{projectNmae}}' })).rejects.toThrow(/projectNmae/);
  });
});
