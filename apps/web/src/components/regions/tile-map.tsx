import type { RegionTile } from "@spm/kpi";
import { StatusBadge } from "~/components/status-badge";
import styles from "./regions.module.css";

export interface MapTile {
  code: string;
  name: string;
  tile: RegionTile;
  level: string;
  /** The level in words, shown beside its icon and colour. */
  levelLabel: string;
  /** Why this level (the status explanation), shown on hover. */
  explanation?: string;
  href: string;
  /** The accessible name: region and level in words ("Almaty: Far behind"). */
  label: string;
}

/**
 * A tile map (grid cartogram): one square per region at its row and column, coloured by status
 * with icon and word. Tiles come in reading order (row by row), so the Tab key follows the map.
 */
export function TileMap(props: { tiles: MapTile[]; label: string }) {
  const tiles = [...props.tiles].sort((a, b) => a.tile.row - b.tile.row || a.tile.col - b.tile.col);
  const columns = Math.max(1, ...tiles.map((t) => t.tile.col));
  return (
    <div className={styles.scroll}>
      <ul
        className={styles.map}
        aria-label={props.label}
        data-tile-map=""
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(6.5rem, 8rem))` }}
      >
        {tiles.map((t) => (
          <li key={t.code} style={{ gridRow: t.tile.row, gridColumn: t.tile.col }}>
            <a
              className={styles.tile}
              href={t.href}
              aria-label={t.label}
              title={t.explanation}
              data-region={t.code}
              data-level={t.level}
            >
              {/* The space keeps the name and the word apart for tools that read the text. */}
              <span className={styles.name}>{t.name}</span>{" "}
              <StatusBadge level={t.level} label={t.levelLabel} />
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
