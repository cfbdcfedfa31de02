// Private to the SDK: visits a form's items depth-first in document order,
// calling visit(item, parent_or_null). Parents are visited before children.
#ifndef FASCIA_PLUGIN_SDK_FORM_WALK_H_
#define FASCIA_PLUGIN_SDK_FORM_WALK_H_

#include "fascia/plugin_forms.h"

namespace fascia::plugin_sdk::internal {

template <typename Visit>
void WalkItemList(const google::protobuf::RepeatedPtrField<pb::Item>& items,
                  const pb::Item* parent, Visit& visit) {
  for (const auto& item : items) {
    visit(item, parent);
    WalkItemList(item.items(), &item, visit);
  }
}

template <typename Visit>
void WalkItems(const pb::Form& form, Visit visit) {
  WalkItemList(form.items(), nullptr, visit);
}

}  // namespace fascia::plugin_sdk::internal

#endif  // FASCIA_PLUGIN_SDK_FORM_WALK_H_
