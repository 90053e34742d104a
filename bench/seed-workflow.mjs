// The Podhoc seed's "Node.js – complete workflow", unchanged but for BASE, API_KEY and the article URL.
const API_KEY = process.env.API_KEY; // changed from the seed: the key
const BASE = process.env.BASE; // changed from the seed: the base URL
async function createAndDownloadPodcast() {
// Step 1: Create a podcast
const createRes = await fetch(`${BASE}/podcasts`, {
method: 'POST',
headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
body: JSON.stringify({
urls: [process.env.ARTICLE ?? 'https://example.com/article'],
language: 'en-US',
target_duration_minutes: 10,
style: 'conversational',
}),
});
const { data: created } = await createRes.json();
console.log(`Created podcast: ${created.podcast_id}`);
// Step 2: Poll until complete
while (true) {
const statusRes = await fetch(
`${BASE}/podcasts/${created.podcast_id}/status`,
{ headers: { 'X-Api-Key': API_KEY } },
);
const { data: status } = await statusRes.json();
console.log(`Status: ${status.status} (${status.progress}%)`);
if (status.status === 'completed') break;
if (status.status === 'failed') throw new Error('Generation failed');
await new Promise((r) => setTimeout(r, 10000));
}
// Step 3: Download
const dlRes = await fetch(`${BASE}/podcasts/${created.podcast_id}/download`, {
headers: { 'X-Api-Key': API_KEY },
});
const { data: dl } = await dlRes.json();
const audioRes = await fetch(dl.download_url);
const fs = await import('fs');
const buffer = Buffer.from(await audioRes.arrayBuffer());
fs.writeFileSync('podcast.mp3', buffer);
console.log('Downloaded podcast.mp3');
}
createAndDownloadPodcast();
