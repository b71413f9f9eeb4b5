// The README's React example, built by the test with Vite against the widget's ESM build.
import React, { useEffect, useRef, useState } from 'react'; // React in scope for either JSX runtime
import { createRoot } from 'react-dom/client';
import '@duet/widget';
import { padAttributes } from '../pad-page.js';

function Interview({ room, token, api, theme }) {
  const pad = useRef(null);
  const [verdict, setVerdict] = useState('');
  useEffect(() => {
    const onResult = (event) => setVerdict(event.detail.result.verdict);
    pad.current.addEventListener('duet-result', onResult);
    return () => pad.current?.removeEventListener('duet-result', onResult);
  }, []);
  return (
    <>
      <duet-pad ref={pad} room={room} token={token} api={api} theme={theme} />
      <p id="react-last-verdict">{verdict}</p>
    </>
  );
}

createRoot(document.getElementById('root')).render(<Interview {...padAttributes} />);
