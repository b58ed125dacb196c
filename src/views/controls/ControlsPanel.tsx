import { GroupControls } from './GroupControls';
import { ProducerControls } from './ProducerControls';
import { TopicControls } from './TopicControls';

/** Every control sends model actions through the store; none touch the model. */
export function ControlsPanel() {
  return (
    <aside className="controls" aria-label="Controls">
      <ProducerControls />
      <TopicControls />
      <GroupControls />
    </aside>
  );
}
