import { expect, type Locator, type Page } from '@playwright/test'

export const SHOTS = 'e2e/screenshots'
export const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` })
export const node = (page: Page, name: string) => page.getByTestId(`node-${name}`)
export const handle = (card: Locator, type: 'source' | 'target') => card.locator(`.react-flow__handle.${type}`).first()

/** Draws an edge by dragging from one handle to another, as a person does with the mouse. */
export async function connect(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!
  const b = (await to.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 })
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 })
  await page.mouse.up()
}

export async function waitSaved(page: Page) {
  await expect(page.locator('.save-state')).toHaveText('Saved', { timeout: 15_000 })
}

/** Whether two boxes overlap (by more than a pixel). */
export function overlap(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) {
  return a.x + 1 < b.x + b.width && b.x + 1 < a.x + a.width && a.y + 1 < b.y + b.height && b.y + 1 < a.y + a.height
}
