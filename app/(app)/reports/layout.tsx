import "./report-print.css";

/** Reports are read on screen and printed; the print rules live beside them (report-print.css). */
export default function ReportsLayout({ children }: { children: React.ReactNode }) {
  return children;
}
