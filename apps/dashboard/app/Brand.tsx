/** The product mark and name. */
export function Brand() {
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden>
        <svg width="18" height="18" viewBox="0 0 24 24" fill="none">
          <path
            d="M12 2c3 2.2 4.6 5.6 4.6 9.6 0 1.5-.3 3-.8 4.4H8.2c-.5-1.4-.8-2.9-.8-4.4C7.4 7.6 9 4.2 12 2Z"
            fill="currentColor"
          />
          <path d="M8.4 17.5 6 21l3.2-.9M15.6 17.5 18 21l-3.2-.9" stroke="currentColor" strokeWidth="1.6" />
          <circle cx="12" cy="10" r="1.8" fill="#0f172a" />
        </svg>
      </span>
      <span className="brand-name">Launch Control</span>
      <Tagline />
    </div>
  )
}

/** The launch this dashboard watches. */
export function Tagline() {
  return <span className="brand-tagline">Aurora 2.0 · launch day</span>
}
