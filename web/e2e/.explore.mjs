// scratch exploration (not a test)
import { launch, openPage, goto, settled } from './support.mjs'
const [,, user, ...paths] = process.argv
const browser = await launch()
const page = await openPage(browser, { as: user === 'none' ? null : user, width: Number(process.env.W ?? 1440), height: Number(process.env.H ?? 900) })
for (const p of paths) {
  await goto(page, p)
  await page.waitForTimeout(Number(process.env.WAIT ?? 2500))
  await settled(page).catch(() => {})
  const name = p.replace(/[^a-z0-9]+/gi, '_')
  await page.screenshot({ path: `/tmp/wdev/shots/${user}${name}.png`, fullPage: !!process.env.FULL })
  console.log(p, '->', page.url())
}
console.log(page.problems)
await browser.close()
